// libvorbis, libvorbisenc and libogg (Debian libvorbis-dev, libogg-dev), for their types: SongSynth opens the
// libraries themselves with dlopen (VorbisLibraries) the first time it writes an Ogg Vorbis file.
#include <vorbis/vorbisenc.h>
