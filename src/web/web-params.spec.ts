import { field, fields, isUuid, localPath, pageNumber, pager } from './web-params';

describe('reading addresses and forms', () => {
  it('goes back only to a path on this site after logging in', () => {
    expect(localPath('/negotiations/abc?x=1', '/')).toBe('/negotiations/abc?x=1');
    for (const elsewhere of ['//evil.example/x', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', '/ok path', undefined])
      expect(localPath(elsewhere, '/inbox')).toBe('/inbox');
  });

  it('falls back to page 1 for anything but a positive whole number', () => {
    expect(pageNumber('3')).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'x', undefined, '9999999']) expect(pageNumber(bad)).toBe(1);
  });

  it('links to the previous and next page, keeping the filter', () => {
    expect(pager('/', { region: '420302', industry: undefined }, 2, 45, 20)).toEqual({
      page: 2,
      pages: 3,
      previous: '/?region=420302',
      next: '/?region=420302&page=3',
    });
    expect(pager('/', {}, 1, 0, 20)).toEqual({ page: 1, pages: 1, previous: null, next: null });
  });

  it('reads a field as one trimmed string and a repeated one as a list', () => {
    expect(field({ a: ' x ' }, 'a')).toBe('x');
    expect(field({ a: ['first', 'second'] }, 'a')).toBe('first');
    expect(field({}, 'a')).toBe('');
    expect(fields({ m: ['p1', ' ', 'p2'] }, 'm')).toEqual(['p1', 'p2']);
    expect(fields({ m: 'p1' }, 'm')).toEqual(['p1']);
  });

  it('recognises ids', () => {
    expect(isUuid('4d6cb9fe-7797-46aa-b5a7-6588c27ed558')).toBe(true);
    expect(isUuid('../etc/passwd')).toBe(false);
  });
});
