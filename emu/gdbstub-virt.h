/* The virt board's gdb monitor commands (qRcmd): "cpus" and "psci". They
 * read the Machine the stub was opened with (GdbTarget.machine). */
#ifndef EMU_GDBSTUB_VIRT_H
#define EMU_GDBSTUB_VIRT_H

/* Register the commands (once; later calls do nothing). */
void virt_gdb_monitor_init(void);

#endif
