#include <cblas.h>
// OpenBLAS thread control (declared in openblas_config / cblas.h of OpenBLAS builds).
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
char* openblas_get_config(void);
char* openblas_get_corename(void);
// glibc allocator tuning (mallopt), used by NN.AllocatorTuning.
#if defined(__GLIBC__)
#include <malloc.h>
#endif
