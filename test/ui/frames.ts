/**
 * Expected frames, reviewed by eye (see test/ui/app.test.tsx for how each is made): the fixtures in
 * ./fixtures.ts after 62 one-second samples, checks gathered once, TZ=UTC, no colour.
 */

/** 80×24, one peer: three-line row, history 21 columns wide. */
export const ONE_80x24 = [
  'wg-site wg0 · 1/1 peers up · rx 968 kbit/s tx 290 kbit/s · site hq · port 51820',
  'CPU 15%  softirq 3% (busiest core 5%)  cores 20% 10%  load 0.52 0.48 0.31',
  'mem 41% of 1.81 GiB  temp 48.2°C  past throttling: under-voltage, throttled',
  '  PEER         STATE   HANDSHAKE  TRAFFIC, LAST 60 S                      1 peer',
  '▸ beta-office  ● up    58s        rx  320 kbit/s ▄▆██▅▇█▄▆██▅▇█▄▆██▅▇█  12.6 MiB',
  '  203.0.113.5:51820               tx  192 kbit/s ▇█▄▆█▄▆▇█▄▆█▄▆▇█▄▆█▄▆  1.28 MiB',
  '  keepalive 25s  allowed 10.99.0.2/32, 192.168.2.0/24',
  'CHECKS  ✓ 2 pass  ! 1 warn  ✗ 1 fail',
  '  ✗ Route to 192.168.2.0/24: no route via wg0',
  '  ! Path MTU: 1420-byte packets to 10.99.0.2 are dropped; 1392 pass',
  'EVENTS  1 of 1, newest first',
  '  22:13:24  beta-office  never → up',
  '',
  'q quit  ↑↓/jk peers  c checks  e events  p ping  m MTU  r resolve  ? help',
].join('\n');

/** 80×24, thirty peers: windowed to 4, position in the header. */
export const THIRTY_80x24 = [
  'wg-site wg0 · 15/30 peers up · rx 968 kbit/s tx 290 kbit/s · site hq',
  'CPU 15%  softirq 3% (busiest core 5%)  cores 20% 10%  load 0.52 0.48 0.31',
  'mem 41% of 1.81 GiB  temp 48.2°C  past throttling: under-voltage, throttled',
  '  PEER         STATE   HANDSHAKE  TRAFFIC, LAST 60 S                   1–4 of 30',
  '▸ site-01      ● up    5s         rx 72.0 kbit/s ▃▅▆██▄▆▇█▃▅▆██▄▅▇█▃▅▆   399 KiB',
  '  198.51.100.1:51820              tx 12.0 kbit/s ▇██▇██▇▅██▇▇██▇▇██▇▇█   178 KiB',
  '  keepalive 25s  allowed 10.99.0.1/32, 192.168.100.0/24',
  '  site-02      ● up    6s         rx  160 kbit/s ▄▅▇█▃▅▆▇█▄▅▇█▃▄▆▇█▄▅▇   816 KiB',
  '  198.51.100.2:51820              tx 32.0 kbit/s ▇▇██▇██▅▇██▇▇██▇▇██▇▇   351 KiB',
  '  keepalive off  allowed 10.99.1.1/32, 192.168.101.0/24',
  '  site-03      ● up    7s         rx  264 kbit/s ▄▆▇█▄▅▇██▄▆▇█▄▅▆██▄▆▇  1.22 MiB',
  '  198.51.100.3:51820              tx 60.0 kbit/s █▇▇██▇█▆█▇██▇▇██▇▇██▇   535 KiB',
  '  keepalive 25s  allowed 10.99.2.1/32, 192.168.102.0/24',
  '  site-04      ◐ stale 2m 30s     rx  384 kbit/s ▅▆██▄▆▇█▃▅▆██▄▅▇█▃▅▆█  1.66 MiB',
  '  198.51.100.4:51820              tx 96.0 kbit/s ██▇▇██▇▇██▇██▇▅██▇▇██   725 KiB',
  '  keepalive off  allowed 10.99.3.1/32, 192.168.103.0/24',
  'CHECKS  ✓ 2 pass  ! 1 warn  ✗ 1 fail',
  '  ✗ Route to 192.168.2.0/24: no route via wg0',
  '  ! Path MTU: 1420-byte packets to 10.99.0.2 are dropped; 1392 pass',
  'EVENTS  none since the panel started',
  '',
  'q quit  ↑↓/jk peers  c checks  e events  p ping  m MTU  r resolve  ? help',
].join('\n');

/** 120×40, one peer: two-line row with keepalive and AllowedIPs on the right. */
export const ONE_120x40 = [
  'wg-site wg0 · 1/1 peers up · rx 968 kbit/s tx 290 kbit/s · site hq · port 51820',
  'CPU 15%  softirq 3% (busiest core 5%)  cores 20% 10%  load 0.52 0.48 0.31  mem 41% of 1.81 GiB  temp 48.2°C',
  'past throttling: under-voltage, throttled',
  '  PEER           STATE   HANDSHAKE  TRAFFIC, LAST 60 S                                                            1 peer',
  '▸ beta-office    ● up    58s        rx  320 kbit/s ▄▇█▅▇█▅██▆██▆█▄▆█  12.6 MiB  keepalive 25s',
  '  203.0.113.5:51820                 tx  192 kbit/s ██▆█▄▆█▄▆█▄▇█▅▇█▆  1.28 MiB  10.99.0.2/32, 192.168.2.0/24',
  'CHECKS  ✓ 2 pass  ! 1 warn  ✗ 1 fail',
  '  ✗ Route to 192.168.2.0/24: no route via wg0',
  '  ! Path MTU: 1420-byte packets to 10.99.0.2 are dropped; 1392 pass',
  'EVENTS  1 of 1, newest first',
  '  22:13:24  beta-office  never → up',
  '',
  'q quit  ↑↓/jk peers  c checks  e events  p ping  m MTU  r resolve  i iperf3  R restart  w wizard  ? help',
].join('\n');

/** 120×40, thirty peers: windowed to 14. */
export const THIRTY_120x40 = [
  'wg-site wg0 · 15/30 peers up · rx 968 kbit/s tx 290 kbit/s · site hq · port 51820',
  'CPU 15%  softirq 3% (busiest core 5%)  cores 20% 10%  load 0.52 0.48 0.31  mem 41% of 1.81 GiB  temp 48.2°C',
  'past throttling: under-voltage, throttled',
  '  PEER           STATE   HANDSHAKE  TRAFFIC, LAST 60 S                                                        1–14 of 30',
  '▸ site-01        ● up    5s         rx 72.0 kbit/s ▄▆▇█▄▆██▅▇█▄▅▇█▄▆   399 KiB  keepalive 25s',
  '  198.51.100.1:51820                tx 12.0 kbit/s ██▇██▇▇█▇▇██▇██▇█   178 KiB  10.99.0.1/32, 192.168.100.0/24',
  '  site-02        ● up    6s         rx  160 kbit/s ▄▆██▅▇█▄▅▇█▄▆██▅▇   816 KiB  keepalive off',
  '  198.51.100.2:51820                tx 32.0 kbit/s ▇██▇██▇██▇▇█▇▇██▇   351 KiB  10.99.1.1/32, 192.168.101.0/24',
  '  site-03        ● up    7s         rx  264 kbit/s ▅▇█▄▅▇█▄▆██▅▆█▃▅▇  1.22 MiB  keepalive 25s',
  '  198.51.100.3:51820                tx 60.0 kbit/s █▇██▇██▇██▇██▇▇█▇   535 KiB  10.99.2.1/32, 192.168.102.0/24',
  '  site-04        ◐ stale 2m 30s     rx  384 kbit/s ▅▇█▄▆██▅▆█▃▅▇█▄▆█  1.66 MiB  keepalive off',
  '  198.51.100.4:51820                tx 96.0 kbit/s ██▇██▇██▇██▇██▇██   725 KiB  10.99.3.1/32, 192.168.103.0/24',
  '  site-05        ○ down  6m 40s     rx     0 bit/s ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁       0 B  keepalive 25s',
  '  198.51.100.5:51820                tx     0 bit/s ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁       0 B  10.99.4.1/32, 192.168.104.0/24',
  '  site-06        ● up    10s        rx 48.0 kbit/s ▆█▃▅▇█▄▆▇█▄▆██▅▇█  2.52 MiB  keepalive off',
  '  198.51.100.6:51820                tx  192 kbit/s ▇██▇▇█▇▇██▇██▇██▇  1.03 MiB  10.99.5.1/32, 192.168.105.0/24',
  '  site-07        · never never      rx     0 bit/s ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁       0 B  keepalive 25s',
  '  198.51.100.7:51820                tx     0 bit/s ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁       0 B  10.99.6.1/32, 192.168.106.0/24',
  '  site-08        ◐ stale 2m 30s     rx  192 kbit/s ▇█▄▆██▅▇█▄▅▇█▄▆██  3.30 MiB  keepalive off',
  '  198.51.100.8:51820                tx  320 kbit/s ██▇██▇██▇██▇▇█▇▇█  1.42 MiB  10.99.7.1/32, 192.168.107.0/24',
  '  site-09        ● up    13s        rx  288 kbit/s ██▅▇█▄▅▇█▄▆██▅▆█▄  3.68 MiB  keepalive 25s',
  '  (no endpoint)                     tx  396 kbit/s ▇██▇██▇██▇██▇██▇█  1.58 MiB  10.99.8.1/32, 192.168.108.0/24',
  '  site-10        ○ down  6m 40s     rx     0 bit/s ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁       0 B  keepalive off',
  '  198.51.100.10:51820               tx     0 bit/s ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁       0 B  10.99.9.1/32, 192.168.109.0/24',
  '  site-12        ◐ stale 2m 30s     rx  672 kbit/s █▅▆█▃▅▇█▄▆▇█▄▆██▅  4.77 MiB  keepalive off',
  '  198.51.100.12:51820               tx  144 kbit/s ██▇██▇▇█▇▇██▇██▇█  2.08 MiB  10.99.11.1/32, 192.168.111.0/24',
  '  site-13        ● up    17s        rx  832 kbit/s ▃▅▇█▄▆▇█▄▆██▅▇█▄▆  5.12 MiB  keepalive 25s',
  '  198.51.100.13:51820               tx  208 kbit/s ▇██▇██▇██▇▇█▇▇██▇  2.23 MiB  10.99.12.1/32, 192.168.112.0/24',
  '  site-14        · never never      rx     0 bit/s ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁       0 B  keepalive off',
  '  198.51.100.14:51820               tx     0 bit/s ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁       0 B  10.99.13.1/32, 192.168.113.0/24',
  '  site-15        ○ down  6m 40s     rx     0 bit/s ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁       0 B  keepalive 25s',
  '  198.51.100.15:51820               tx     0 bit/s ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁       0 B  10.99.14.1/32, 192.168.114.0/24',
  'CHECKS  ✓ 2 pass  ! 1 warn  ✗ 1 fail',
  '  ✗ Route to 192.168.2.0/24: no route via wg0',
  '  ! Path MTU: 1420-byte packets to 10.99.0.2 are dropped; 1392 pass',
  'EVENTS  none since the panel started',
  '',
  'q quit  ↑↓/jk peers  c checks  e events  p ping  m MTU  r resolve  i iperf3  R restart  w wizard  ? help',
].join('\n');

/** 40×10, one peer: one-line rows, one host line, no event log. */
export const ONE_40x10 = [
  'wg-site wg0 · 1/1 peers up · site hq',
  'CPU 15%  softirq 3% (busiest core 5%)  …',
  '  PEER         STATE HS AGE     RX    TX',
  '▸ beta-office  up    58s      320k  192k',
  'CHECKS  ✓ 2 pass  ! 1 warn  ✗ 1 fail',
  '  ✗ Route to 192.168.2.0/24: no route v…',
  '  ! Path MTU: 1420-byte packets to 10.9…',
  '',
  'q quit  ↑↓/jk peers  c checks  ? help',
].join('\n');

/** 40×10, thirty peers: three visible, headings give way to the position. */
export const THIRTY_40x10 = [
  'wg-site wg0 · 15/30 peers up · site hq',
  'CPU 15%  softirq 3% (busiest core 5%)  …',
  '  PEER         STATE HS AGE …  1–3 of 30',
  '▸ site-01      up    5s      72.0k 12.0k',
  '  site-02      up    6s       160k 32.0k',
  '  site-03      up    7s       264k 60.0k',
  'CHECKS  ✓ 2 pass  ! 1 warn  ✗ 1 fail',
  '',
  'q quit  ↑↓/jk peers  c checks  ? help',
].join('\n');

/** 80×24, one peer, ASCII glyphs. */
export const ONE_80x24_ASCII = [
  'wg-site wg0 | 1/1 peers up | rx 968 kbit/s tx 290 kbit/s | site hq | port 51820',
  'CPU 15%  softirq 3% (busiest core 5%)  cores 20% 10%  load 0.52 0.48 0.31',
  'mem 41% of 1.81 GiB  temp 48.2 C  past throttling: under-voltage, throttled',
  '  PEER         STATE   HANDSHAKE  TRAFFIC, LAST 60 S                      1 peer',
  '> beta-office  + up    58s        rx  320 kbit/s -+##=*#-+##=*#-+##=*#  12.6 MiB',
  '  203.0.113.5:51820               tx  192 kbit/s *#-+#-+*#-+#-+*#-+#-+  1.28 MiB',
  '  keepalive 25s  allowed 10.99.0.2/32, 192.168.2.0/24',
  'CHECKS  + 2 pass  ! 1 warn  x 1 fail',
  '  x Route to 192.168.2.0/24: no route via wg0',
  '  ! Path MTU: 1420-byte packets to 10.99.0.2 are dropped; 1392 pass',
  'EVENTS  1 of 1, newest first',
  '  22:13:24  beta-office  never -> up',
  '',
  'q quit  j/k peers  c checks  e events  p ping  m MTU  r resolve  ? help',
].join('\n');

/** 80×24, thirty peers, after j pressed four times: site-05 selected, window 2–5. */
export const THIRTY_80x24_AFTER_4_DOWN = [
  'wg-site wg0 · 15/30 peers up · rx 968 kbit/s tx 290 kbit/s · site hq',
  'CPU 15%  softirq 3% (busiest core 5%)  cores 20% 10%  load 0.52 0.48 0.31',
  'mem 41% of 1.81 GiB  temp 48.2°C  past throttling: under-voltage, throttled',
  '  PEER         STATE   HANDSHAKE  TRAFFIC, LAST 60 S                   2–5 of 30',
  '  site-02      ● up    6s         rx  160 kbit/s ▄▅▇█▃▅▆▇█▄▅▇█▃▄▆▇█▄▅▇   816 KiB',
  '  198.51.100.2:51820              tx 32.0 kbit/s ▇▇██▇██▅▇██▇▇██▇▇██▇▇   351 KiB',
  '  keepalive off  allowed 10.99.1.1/32, 192.168.101.0/24',
  '  site-03      ● up    7s         rx  264 kbit/s ▄▆▇█▄▅▇██▄▆▇█▄▅▆██▄▆▇  1.22 MiB',
  '  198.51.100.3:51820              tx 60.0 kbit/s █▇▇██▇█▆█▇██▇▇██▇▇██▇   535 KiB',
  '  keepalive 25s  allowed 10.99.2.1/32, 192.168.102.0/24',
  '  site-04      ◐ stale 2m 30s     rx  384 kbit/s ▅▆██▄▆▇█▃▅▆██▄▅▇█▃▅▆█  1.66 MiB',
  '  198.51.100.4:51820              tx 96.0 kbit/s ██▇▇██▇▇██▇██▇▅██▇▇██   725 KiB',
  '  keepalive off  allowed 10.99.3.1/32, 192.168.103.0/24',
  '▸ site-05      ○ down  6m 40s     rx     0 bit/s ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁       0 B',
  '  198.51.100.5:51820              tx     0 bit/s ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁       0 B',
  '  keepalive 25s  allowed 10.99.4.1/32, 192.168.104.0/24',
  'CHECKS  ✓ 2 pass  ! 1 warn  ✗ 1 fail',
  '  ✗ Route to 192.168.2.0/24: no route via wg0',
  '  ! Path MTU: 1420-byte packets to 10.99.0.2 are dropped; 1392 pass',
  'EVENTS  none since the panel started',
  '',
  'q quit  ↑↓/jk peers  c checks  e events  p ping  m MTU  r resolve  ? help',
].join('\n');

/** 80×24, one peer, after c and e: every check, fixes under the problems. */
export const ONE_80x24_CHECKS_OPEN = [
  'wg-site wg0 · 1/1 peers up · rx 968 kbit/s tx 290 kbit/s · site hq · port 51820',
  'CPU 15%  softirq 3% (busiest core 5%)  cores 20% 10%  load 0.52 0.48 0.31',
  'mem 41% of 1.81 GiB  temp 48.2°C  past throttling: under-voltage, throttled',
  '  PEER         STATE   HANDSHAKE  TRAFFIC, LAST 60 S                      1 peer',
  '▸ beta-office  ● up    58s        rx  320 kbit/s ▄▆██▅▇█▄▆██▅▇█▄▆██▅▇█  12.6 MiB',
  '  203.0.113.5:51820               tx  192 kbit/s ▇█▄▆█▄▆▇█▄▆█▄▆▇█▄▆█▄▆  1.28 MiB',
  '  keepalive 25s  allowed 10.99.0.2/32, 192.168.2.0/24',
  'CHECKS  ✓ 2 pass  ! 1 warn  ✗ 1 fail',
  '  ✗ Route to 192.168.2.0/24: no route via wg0',
  '      fix: wg-quick down wg0 && wg-quick up wg0',
  '  ! Path MTU: 1420-byte packets to 10.99.0.2 are dropped; 1392 pass',
  '      fix: set tunnel.mtu to 1392 in the site file, then run wg-site apply',
  '  ✓ IPv4 forwarding: net.ipv4.ip_forward is 1',
  '  ✓ Clock sync: systemd-timesyncd is synchronised',
  'EVENTS  1 of 1, newest first',
  '  22:13:24  beta-office  never → up',
  '',
  'q quit  ↑↓/jk peers  c checks  e events  p ping  m MTU  r resolve  ? help',
].join('\n');
