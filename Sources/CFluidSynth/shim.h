// libfluidsynth (Debian libfluidsynth-dev); only SongSynth imports this module.
#include <fluidsynth.h>
