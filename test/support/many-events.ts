/**
 * A large, valid source tree written quickly: many NextSong events over a few songs,
 * for tests that need a load to be busy for a while (a dropped connection mid-COPY,
 * two loads racing for the lock).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { event, song, writeFixtureTree } from './fixture-tree.js';

export function writeManyEvents(root: string, files: number, eventsPerFile: number): { songData: string; logData: string } {
  const tree = writeFixtureTree(root, { songs: { 'A/A/TRA.json': [song()] } });
  const start = Date.UTC(2018, 10, 1);
  for (let f = 0; f < files; f++) {
    const lines: string[] = [];
    for (let i = 0; i < eventsPerFile; i++) {
      lines.push(JSON.stringify(event({ ts: start + f * eventsPerFile + i, itemInSession: i, sessionId: f + 1, userId: String(1 + (i % 50)) })));
    }
    const file = path.join(tree.logData, `2018/11/2018-11-${String(f + 1).padStart(2, '0')}-events.json`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, lines.join('\n') + '\n');
  }
  return tree;
}
