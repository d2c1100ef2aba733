#ifndef YUSUAN_CGSL_SHIM_H
#define YUSUAN_CGSL_SHIM_H
#include <gsl/gsl_errno.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_cdf.h>
#endif
