#!/usr/bin/env python3
"""Trims @emoji-mart/data to what the web client's emoji picker reads (see wwwroot/lib/emoji-mart-data/README.md).

Usage: npm pack @emoji-mart/data@1.2.1 && tar xzf emoji-mart-data-1.2.1.tgz
       python3 scripts/trim-emoji-data.py package src/NexusChat.Web.Client/wwwroot/lib/emoji-mart-data/emoji.json
Per category (in emoji-mart's order, with its English names): [emoji, name, search words]. The emoji is the default
(no skin tone) native sequence; the search words are the emoji's id, aliases, keywords and name, lower case, once each.
"""
import json
import sys

package, output = sys.argv[1], sys.argv[2]
data = json.load(open(f"{package}/sets/15/native.json", encoding="utf-8"))
names = json.load(open(f"{package}/i18n/en.json", encoding="utf-8"))["categories"]
aliases = {}
for alias, target in data["aliases"].items():
    aliases.setdefault(target, []).append(alias)


def words(emoji_id, emoji):
    seen = []
    for word in [emoji_id, *aliases.get(emoji_id, []), *emoji["keywords"], *emoji["name"].split()]:
        word = word.lower().replace("_", " ")
        for part in [word, *word.split()]:
            if part not in seen:
                seen.append(part)
    return " ".join(seen)


categories = []
for category in data["categories"]:
    rows = []
    for emoji_id in category["emojis"]:
        emoji = data["emojis"][emoji_id]
        rows.append([emoji["skins"][0]["native"], emoji["name"], words(emoji_id, emoji)])
    categories.append({"id": category["id"], "name": names[category["id"]], "emojis": rows})

with open(output, "w", encoding="utf-8") as file:
    json.dump({"categories": categories}, file, ensure_ascii=False, separators=(",", ":"))
    file.write("\n")
