import { describe, expect, it } from 'vitest';
import { storable } from '../../src/domain/text.ts';

describe('storable', () => {
  it('removes controls, non-characters and lone surrogates, and keeps paired surrogates, tab, LF and CR', () => {
    expect(storable('a\u0000b\u0007c\u000Bd\u001Fe\uFDD0f\uFFFEg\uFFFF')).toBe('abcdefg');
    expect(storable('x\uD835y\uDC00z')).toBe('xyz');
    expect(storable('bold 𝐀 and 😀, tab\tline\ncr\r')).toBe('bold 𝐀 and 😀, tab\tline\ncr\r');
    expect(storable('𝐀\uD835')).toBe('𝐀');
    expect(storable('\uDC00𝐀')).toBe('𝐀');
    const plain = 'Plain text “quoted” — é';
    expect(storable(plain)).toBe(plain);
  });
});
