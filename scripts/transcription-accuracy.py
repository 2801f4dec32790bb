#!/usr/bin/env python3
"""Transcription accuracy beside aubionotes, scored by mir_eval (note F-measure, onsets within 50 ms, pitch within
50 cents; without offsets, COnP, and with them, COnPOff).

Each tune (ABC) is rendered by `songbridge render --style none --lead PROGRAM` (FluidSynth, a sung voice), its MIDI
file is the truth, and the take is transcribed by `songbridge transcribe --json` and by `aubionotes`.
Usage: scripts/transcription-accuracy.py SONGBRIDGE TUNE.abc|SONG.cho... [--lead 53] [--snr DB] [--transpose N]
       [--vibrato CENTS] [--drift CENTS] [--reverb SECONDS] [--dropouts PER_SECOND]
The degradations a room brings, applied to the rendered take (the truth moved with it): --vibrato ±CENTS at 5.5 Hz
and --drift CENTS over the take (read at a varying rate, as a tape would be: pitch and timing wobble together,
so each truth onset is moved to where it now falls); --reverb a room's decay (RT60, seconds; 30% wet); --snr
white noise; --transpose moves the tune (-12 for an older man's low voice, +12 for a child's high one);
--dropouts what a starved tablet or browser does to a take, so many times a second on average: 3 to 40 ms of
audio either lost and replaced by digital silence, or skipped (the take closes up and the truth moves with it).
"""
import json, subprocess, sys, tempfile, os, wave
import numpy as np, mido, mir_eval

def truth(midi_path):
    m = mido.MidiFile(midi_path)
    notes, t, on = [], 0.0, {}
    for msg in m:  # iterating a MidiFile gives each message's time in seconds since the one before
        t += msg.time
        if msg.type == 'note_on' and msg.velocity > 0 and msg.channel != 9:
            on[(msg.channel, msg.note)] = t
        elif (msg.type == 'note_off' or (msg.type == 'note_on' and msg.velocity == 0)) and (msg.channel, msg.note) in on:
            notes.append((on.pop((msg.channel, msg.note)), t, msg.note))
    notes.sort()
    return notes

def read_wav(path):
    w = wave.open(path); p = w.getparams(); x = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float64); w.close()
    return p, x.reshape(-1, p.nchannels).mean(axis=1)

def write_wav(path, rate, y):
    o = wave.open(path, 'w'); o.setnchannels(1); o.setsampwidth(2); o.setframerate(rate)
    o.writeframes(np.clip(y, -32768, 32767).astype(np.int16).tobytes()); o.close()

def warp(path, ref, vibrato, drift):
    """Reads the take at a rate that follows the pitch wanted; returns the truth moved to where it now falls."""
    p, x = read_wav(path); rate = p.framerate; n = len(x); t = np.arange(n) / rate
    cents = vibrato * np.sin(2 * np.pi * 5.5 * t) + drift * t / max(t[-1], 1e-9)
    position = np.concatenate([[0], np.cumsum(2 ** (cents / 1200))[:-1]])   # input samples read by each output sample
    keep = position < n - 1
    y = np.interp(position[keep], np.arange(n), x)
    write_wav(path, rate, y)
    moved = lambda s: float(np.interp(s * rate, position[keep], np.arange(keep.sum())) / rate)
    return [(moved(a), moved(b), m) for a, b, m in ref if a * rate < position[keep][-1]]

def add_noise(path, snr, seed=7):
    p, x = read_wav(path); rng = np.random.default_rng(seed)
    write_wav(path, p.framerate, x + rng.normal(0, np.sqrt(np.mean(x ** 2) / 10 ** (snr / 10)), x.shape))

def reverberate(path, seconds, seed=11):
    p, x = read_wav(path); rate = p.framerate
    rng = np.random.default_rng(seed); k = np.arange(int(seconds * rate))
    ir = rng.normal(0, 1, len(k)) * 10 ** (-3 * k / len(k))                  # -60 dB at the end
    wet = np.convolve(x, ir)[:len(x)]; wet *= np.sqrt(np.mean(x ** 2) / max(np.mean(wet ** 2), 1e-12))
    write_wav(path, rate, 0.7 * x + 0.3 * wet)

def drop_out(path, ref, per_second, seed=13):
    """Cuts dropouts into the take; returns the truth moved past the skipped samples."""
    p, x = read_wav(path); rate = p.framerate; rng = np.random.default_rng(seed)
    count = rng.poisson(per_second * len(x) / rate)
    cuts = sorted((int(rng.integers(0, len(x))), int(rng.uniform(0.003, 0.04) * rate), bool(rng.integers(0, 2))) for _ in range(count))
    pieces, skipped, at = [], [], 0
    for start, n, skip in cuts:
        if start < at: continue
        pieces.append(x[at:start])
        if skip: skipped.append((start, n))
        else: pieces.append(np.zeros(min(n, len(x) - start)))
        at = start + n
    pieces.append(x[at:])
    write_wav(path, rate, np.concatenate(pieces))
    moved = lambda s: max(0.0, s - sum(min(n, max(0, s * rate - start)) for start, n in skipped) / rate)
    return [(moved(a), moved(b), m) for a, b, m in ref]

def score(ref, est):
    if not est: return 0.0, 0.0
    ri = np.array([[a, b] for a, b, _ in ref]); rp = np.array([440 * 2 ** ((n - 69) / 12) for _, _, n in ref])
    ei = np.array([[a, max(b, a + 0.01)] for a, b, _ in est]); ep = np.array([440 * 2 ** ((n - 69) / 12) for _, _, n in est])
    conp = mir_eval.transcription.precision_recall_f1_overlap(ri, rp, ei, ep, offset_ratio=None)[2]
    conpoff = mir_eval.transcription.precision_recall_f1_overlap(ri, rp, ei, ep)[2]
    return conp, conpoff

def main():
    args = sys.argv[1:]
    cli = args.pop(0)
    lead = args[args.index('--lead') + 1] if '--lead' in args else '53'
    snr = float(args[args.index('--snr') + 1]) if '--snr' in args else None
    option = lambda name: float(args[args.index(name) + 1]) if name in args else None
    transpose, vibrato, drift, reverb = option('--transpose'), option('--vibrato') or 0, option('--drift') or 0, option('--reverb')
    dropouts = option('--dropouts')
    tunes = [a for a in args if a.endswith(('.abc', '.cho'))]
    rows = []
    with tempfile.TemporaryDirectory() as d:
        for tune in tunes:
            take, mid = os.path.join(d, 'take.wav'), os.path.join(d, 'take.mid')
            extra = ['--transpose', str(int(transpose))] if transpose else []
            subprocess.run([cli, 'render', tune, '--style', 'none', '--lead', lead, '--audio', take, '--midi', mid] + extra, check=True, capture_output=True)
            ref = truth(mid)
            if vibrato or drift: ref = warp(take, ref, vibrato, drift)
            if reverb: reverberate(take, reverb)
            if snr is not None: add_noise(take, snr)
            if dropouts: ref = drop_out(take, ref, dropouts)
            ours = json.loads(subprocess.run([cli, 'transcribe', take, '--json'], capture_output=True, text=True).stdout or '{"notes": []}')['notes']
            est = [(n['onset'], n['offset'], n['midiNote']) for n in ours]
            out = subprocess.run(['aubionotes', '-i', take, '-u', 'midi'], capture_output=True, text=True).stdout.split('\n')
            theirs = []
            for line in out:
                parts = line.split()
                if len(parts) == 3: theirs.append((float(parts[1]), float(parts[2]), int(round(float(parts[0])))))
            rows.append((os.path.basename(tune), score(ref, est), score(ref, theirs)))
    for name, (a, b), (c, e) in rows:
        print(f"{name:40s} songbridge COnP {a:.3f} COnPOff {b:.3f}   aubionotes COnP {c:.3f} COnPOff {e:.3f}")
    if rows:
        m = np.mean([r[1][0] for r in rows]), np.mean([r[1][1] for r in rows]), np.mean([r[2][0] for r in rows]), np.mean([r[2][1] for r in rows])
        label = ', '.join(x for x in [f'lead {lead}', f'SNR {snr:g} dB' if snr is not None else '', f'transpose {transpose:+g}' if transpose else '',
                                      f'vibrato {vibrato:g}c' if vibrato else '', f'drift {drift:g}c' if drift else '', f'reverb {reverb:g}s' if reverb else '',
                                      f'{dropouts:g} dropouts/s' if dropouts else ''] if x)
        print(f"{'mean of ' + str(len(rows)) + ' (' + label + ')':40s} songbridge COnP {m[0]:.3f} COnPOff {m[1]:.3f}   aubionotes COnP {m[2]:.3f} COnPOff {m[3]:.3f}")

main()
