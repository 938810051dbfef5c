import { describe, expect, it } from 'vitest';
import { throttleAddress } from './client-address.js';

describe('throttleAddress', () => {
  it('counts every address of one IPv6 /64 as one client, however it is written', () => {
    const forms = ['2001:db8:1:2::1', '2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:DB8:1:2::9%eth0'];
    expect(new Set(forms.map(throttleAddress))).toEqual(new Set(['2001:db8:1:2::/64']));
  });

  it('keeps different /64s apart, including those that differ only in the fourth hextet', () => {
    expect(throttleAddress('2001:db8:1:3::1')).not.toBe(throttleAddress('2001:db8:1:2::1'));
    expect(throttleAddress('::1')).toBe('0:0:0:0::/64');
    expect(throttleAddress('fe80::1:2:3:4')).toBe('fe80:0:0:0::/64');
  });

  it('counts IPv4 addresses, mapped or not, one by one', () => {
    expect(throttleAddress('203.0.113.9')).toBe('203.0.113.9');
    expect(throttleAddress('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(throttleAddress('::FFFF:203.0.113.10')).toBe('203.0.113.10');
  });

  it('reads an embedded IPv4 tail as the last two hextets', () => {
    expect(throttleAddress('64:ff9b:1:2::192.0.2.1')).toBe('64:ff9b:1:2::/64');
    expect(throttleAddress('2001:db8::c000:201')).toBe(throttleAddress('2001:db8::192.0.2.1'));
  });

  it('passes through what is not an IP address (a proxy header may carry anything)', () => {
    expect(throttleAddress('')).toBe('');
    expect(throttleAddress('unknown')).toBe('unknown');
  });
});
