"""The notes a MIDI file starts, as the checking scripts compare them (scripts/abc-writeback-check.py,
scripts/musescore-playback.py): read with mido (PyPI), every track merged."""
from fractions import Fraction

import mido


def note_ons(path):
    """(onset in quarters as a Fraction, channel, pitch) of every note the file starts, in order."""
    song = mido.MidiFile(path)
    notes, tick = [], 0
    for message in mido.merge_tracks(song.tracks):
        tick += message.time
        if message.type == "note_on" and message.velocity > 0:
            notes.append((Fraction(tick, song.ticks_per_beat), message.channel, message.note))
    return sorted(notes)
