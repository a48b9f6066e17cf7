#include "CFixedPoint.h"

#include <stdio.h>

int wjs_fixed_point(char *buffer, size_t size, double value, int places, int plus_sign) {
    return snprintf(buffer, size, plus_sign ? "%+.*f" : "%.*f", places, value);
}
