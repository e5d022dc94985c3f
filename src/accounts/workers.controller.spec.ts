import { isPublicHttpsUrl } from './workers.controller';

describe('isPublicHttpsUrl', () => {
  it.each([
    ['https://push.example.com/xieshang', true],
    ['https://203.0.113.7/hook', true],
    ['http://push.example.com/xieshang', false],
    ['https://localhost/hook', false],
    ['https://127.0.0.1/hook', false],
    ['https://10.1.2.3/hook', false],
    ['https://172.20.0.1/hook', false],
    ['https://192.168.1.1/hook', false],
    ['https://169.254.169.254/latest/meta-data', false],
    ['https://[::1]/hook', false],
    ['https://[fd00::1]/hook', false],
  ])('%s → %s', (url, expected) => {
    expect(isPublicHttpsUrl(url)).toBe(expected);
  });
});
