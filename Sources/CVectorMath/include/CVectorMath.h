#ifndef WIJKSIM_CVECTORMATH_H
#define WIJKSIM_CVECTORMATH_H

#include <stddef.h>
#include "CVectorKernels.h"
#include "CVectorProgram.h"

/// Lane-wise exp and pow over whole vectors. On x86-64 glibc they call
/// libmvec's SIMD versions (8 lanes with AVX-512, 4 with AVX2, else 2), which a plain loop
/// over libm cannot: the scalar calls were an eighth of a benchmark run.
/// Every lane goes through the same SIMD function, the last partial group
/// too (padded), so a lane's value does not depend on where it sits in a
/// chunk. A stride of 0 repeats one number over all lanes.
void wjs_exp(const double *x, size_t x_stride, double *out, size_t n);
/// Natural log, as exp through libmvec: within a few units in the last
/// place of the scalar libm log (which plugins got before 2026-12-07), and
/// a tenth of its time on a plugin that takes the log of every lane.
void wjs_log(const double *x, size_t x_stride, double *out, size_t n);
void wjs_pow(const double *x, size_t x_stride, const double *y, size_t y_stride, double *out, size_t n);

#endif
