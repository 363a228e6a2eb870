import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { People } from '../../../../src/hosting/people/people.js';
import { tempDir } from '../../../helpers/server.js';

const peopleFile = () => new People(path.join(tempDir(), 'people.json'));

describe('people with tokens', () => {
  it('knows a person by the token they were given, and nobody by another', async () => {
    const people = peopleFile();
    const token = await people.add('anna', 'Anna Smith');
    expect(await people.verify(token)).toMatchObject({ id: 'anna', name: 'Anna Smith' });
    expect(await people.verify(`${token}x`)).toBeUndefined();
    expect(await people.verify('')).toBeUndefined();
  });

  it('gives a person a new token when added again, and the old one stops working', async () => {
    const people = peopleFile();
    const first = await people.add('anna');
    const second = await people.add('anna');
    expect(await people.verify(first)).toBeUndefined();
    expect(await people.verify(second)).toMatchObject({ id: 'anna' });
    expect((await people.list()).map((p) => p.id)).toEqual(['anna']);
  });

  it('stops a removed person’s token at once, even in another process’s reader', async () => {
    const writer = peopleFile();
    const token = await writer.add('ben');
    const reader = new People(writer.file);
    expect(await reader.verify(token)).toMatchObject({ id: 'ben' });
    await writer.remove('ben');
    expect(await reader.verify(token)).toBeUndefined();
  });

  it('refuses an id that could not be a folder name', async () => {
    await expect(peopleFile().add('../etc')).rejects.toThrow(/cannot be a person's id/);
  });
});
