// Implementation detail of SignalStats: no stable Swift API.
// Debian's libopenblas-dev puts cblas.h on the default include path, liblapacke-dev puts lapacke.h in /usr/include.
#ifndef SIGNALSTATS_BLAS_SHIM_H
#define SIGNALSTATS_BLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
