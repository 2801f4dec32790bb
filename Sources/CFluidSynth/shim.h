// libfluidsynth (Debian libfluidsynth-dev); only SongSynth imports this module, for its types: the library itself is opened with dlopen (SynthLibraries).
#include <fluidsynth.h>
