// The ALSA sequencer (Debian libasound2-dev); only KeyboardCapture imports this module, for its types: the library
// itself is opened with dlopen when a keyboard is first listened to (ALSASequencer).
#include <alsa/asoundlib.h>
