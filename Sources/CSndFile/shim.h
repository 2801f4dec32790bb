// libsndfile (Debian libsndfile1-dev), the library FluidSynth's file renderer writes with; only SongSynth imports it.
#include <sndfile.h>
