/*
 * testutil.h — what every cmocka unit test includes. Each tests/unit/test_X.c
 * is its own program linked against build/librrjeti.a; scripts/run-tests.sh
 * runs them all and adds up cmocka's counts.
 */
#ifndef RRJETI_TESTUTIL_H
#define RRJETI_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#endif
