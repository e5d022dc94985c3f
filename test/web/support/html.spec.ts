import { htmlProblems } from './html';

const page = (body: string) =>
  `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>x</title>\n</head>\n<body>${body}</body>\n</html>`;

describe('the HTML check the page tests rely on', () => {
  it('passes a well-formed page, SVG and void elements included', () => {
    expect(htmlProblems(page('<main><p>a<br>b</p><svg viewBox="0 0 1 1"><path d="M0 0"/></svg><input name="x"></main>'))).toEqual([]);
  });

  it('catches what would make a page invalid or unsafe', () => {
    expect(htmlProblems(page('<main><div><p>x</div></main>'))).toContain('</div> closes <p>');
    expect(htmlProblems(page('<main><div></main>'))[0]).toMatch(/closes|unclosed/);
    expect(htmlProblems(page('<p id="a"></p><p id="a"></p>'))).toContain('duplicate id "a"');
    expect(htmlProblems(page('<script>alert(1)</script>'))).toContain('raw <script> in the page');
    expect(htmlProblems(page('<a href="https://cdn.example/x.css">x</a>'))).toContain('an address on another host');
    expect(htmlProblems(page('<p>1 < 2</p>'))[0]).toMatch(/unescaped/);
    expect(htmlProblems('<html><body></body></html>')).toContain('no <!DOCTYPE html> first');
  });
});
