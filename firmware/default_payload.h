/* The built-in payload run when no -kernel or -bios is given. */
#ifndef FIRMWARE_DEFAULT_PAYLOAD_H
#define FIRMWARE_DEFAULT_PAYLOAD_H

#include <stddef.h>
#include <stdint.h>

extern const uint8_t default_payload[];
extern const size_t default_payload_size;

#endif
