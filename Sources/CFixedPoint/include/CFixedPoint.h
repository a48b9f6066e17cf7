#ifndef WIJKSIM_CFIXEDPOINT_H
#define WIJKSIM_CFIXEDPOINT_H

#include <stddef.h>

/// printf's `%.Nf` (with `plus_sign`, `%+.Nf`) of one double into `buffer`,
/// as `snprintf` returns it. In C because Swift reaches C's variadic
/// functions only through a `va_list` built at run time, whose builder
/// makes a dynamic cast per argument: slower than the formatting itself.
int wjs_fixed_point(char *buffer, size_t size, double value, int places, int plus_sign);

#endif
