import { describe, expect, it } from 'vitest';
import { ITEM_TYPES } from '../../../lib/codes/basicCode.ts';
import { hotelLicenseGuide } from '../audit/fixtures.ts';
import { defaultResultPublic, withGuideDefaults, type GuideContent } from './content.ts';

/** Content stored before 结果公示 existed: no result.public. */
function storedWithoutPublic(): GuideContent {
  const content = hotelLicenseGuide();
  delete content.result.public;
  return content;
}

describe('结果公示 (result.public) when content omits it', () => {
  it('is true for 行政许可 and false for every other item type', () => {
    for (const { type } of ITEM_TYPES) expect(defaultResultPublic(type), type).toBe(type === 'LICENSE');
  });

  it('is filled in from the item type as content is read', () => {
    expect(withGuideDefaults(storedWithoutPublic(), 'LICENSE').result.public).toBe(true);
    expect(withGuideDefaults(storedWithoutPublic(), 'CONFIRMATION').result.public).toBe(false);
  });

  it('keeps what the content says, either way', () => {
    const hidden = { ...storedWithoutPublic(), result: { ...storedWithoutPublic().result, public: false } };
    expect(withGuideDefaults(hidden, 'LICENSE').result.public).toBe(false);
    const shown = { ...storedWithoutPublic(), result: { ...storedWithoutPublic().result, public: true } };
    expect(withGuideDefaults(shown, 'PUBLIC_SERVICE').result.public).toBe(true);
  });

  it('leaves the stored document alone (versions are immutable)', () => {
    const stored = storedWithoutPublic();
    const read = withGuideDefaults(stored, 'LICENSE');
    expect('public' in stored.result).toBe(false);
    expect(read).not.toBe(stored);
    expect({ ...read, result: { ...read.result, public: undefined } }).toEqual({ ...stored, result: { ...stored.result, public: undefined } });
  });
});
