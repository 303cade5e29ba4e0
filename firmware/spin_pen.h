/* The spin-table holding pen for secondary CPUs (firmware/spin-pen.S). */
#ifndef FIRMWARE_SPIN_PEN_H
#define FIRMWARE_SPIN_PEN_H

#include <stddef.h>
#include <stdint.h>

extern const uint8_t spin_pen[];
extern const size_t spin_pen_size;

#endif
