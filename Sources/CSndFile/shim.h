// libsndfile (Debian libsndfile1-dev), the library FluidSynth's file renderer writes with; only SongSynth imports it, for its types: the library itself is opened with dlopen (SynthLibraries).
#include <sndfile.h>
