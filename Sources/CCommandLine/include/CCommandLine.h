// The Swift runtime's command line, given by glibc (see CommandLine.c). Nothing to import:
// the target exists to be linked into the ltx-prep executable.
#ifndef LTX_C_COMMAND_LINE_H
#define LTX_C_COMMAND_LINE_H
#endif
