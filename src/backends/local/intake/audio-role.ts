/**
 * Whether an audio upload is the sender's voice or music. The agent says so with upload_media's
 * `role`; when it does not, the file name decides, because a phone names a voice memo
 * "New Recording 12.m4a" or "voice-001.m4a" while songs carry words like music, song or bgm.
 * Anything else is taken as a voice recording: a person making a letter far more often records
 * themselves than uploads a song, and a song taken for a voice still plays, in full, at the front.
 */
const MUSIC_NAME =
  /(^|[^a-z])(music|song|songs|bgm|soundtrack|instrumental|track|theme|melody|tune|playlist|karaoke)([^a-z]|$)|音乐|歌|配乐|伴奏/i;

export function audioRole(fileName: string, asked?: 'voice' | 'music'): 'voice' | 'music' {
  return asked ?? (MUSIC_NAME.test(fileName) ? 'music' : 'voice');
}
