/* near.h: assert that two doubles agree within eps, showing both on
 * failure (cmocka 1.1.5's assert_float_equal rounds through float). */
#ifndef SAMANVAY_TESTS_NEAR_H
#define SAMANVAY_TESTS_NEAR_H

#include <math.h>

#define assert_near(got, want, eps)                                                        \
    do {                                                                                   \
        double got_ = (got), want_ = (want);                                               \
        if (!(fabs(got_ - want_) <= (eps)))                                                \
            fail_msg("%s = %.17g, expected %.17g within %g", #got, got_, want_, (double)(eps)); \
    } while (0)

#endif
