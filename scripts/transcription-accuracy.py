#!/usr/bin/env python3
"""Transcription accuracy beside aubionotes, scored by mir_eval (note F-measure, onsets within 50 ms, pitch within
50 cents; without offsets, COnP, and with them, COnPOff).

Each tune (ABC) is rendered by `songbridge render --style none --lead PROGRAM` (FluidSynth, a sung voice), its MIDI
file is the truth, and the take is transcribed by `songbridge transcribe --json` and by `aubionotes`.
Usage: scripts/transcription-accuracy.py SONGBRIDGE TUNE.abc|SONG.cho... [--lead 53] [--snr DB]
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

def add_noise(path, snr, seed=7):
    w = wave.open(path); p = w.getparams(); x = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float64); w.close()
    power = np.mean(x ** 2); rng = np.random.default_rng(seed)
    y = np.clip(x + rng.normal(0, np.sqrt(power / 10 ** (snr / 10)), x.shape), -32768, 32767).astype(np.int16)
    o = wave.open(path, 'w'); o.setparams(p); o.writeframes(y.tobytes()); o.close()

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
    tunes = [a for a in args if a.endswith(('.abc', '.cho'))]
    rows = []
    with tempfile.TemporaryDirectory() as d:
        for tune in tunes:
            take, mid = os.path.join(d, 'take.wav'), os.path.join(d, 'take.mid')
            subprocess.run([cli, 'render', tune, '--style', 'none', '--lead', lead, '--audio', take, '--midi', mid], check=True, capture_output=True)
            if snr is not None: add_noise(take, snr)
            ref = truth(mid)
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
        print(f"{'mean of ' + str(len(rows)) + (' (SNR %g dB)' % snr if snr is not None else ' (clean)'):40s} songbridge COnP {m[0]:.3f} COnPOff {m[1]:.3f}   aubionotes COnP {m[2]:.3f} COnPOff {m[3]:.3f}")

main()
