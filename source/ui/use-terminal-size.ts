/**
 * The terminal size, following resizes. Tests (and callers that know better) pass the size in,
 * and then no listener is installed.
 */
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';
import type { PanelSize } from './layout.js';

/** Current size: the given width/height, else the stdout's columns/rows (80×24 when unknown). */
export function useTerminalSize(width?: number, height?: number): PanelSize {
  const { stdout } = useStdout();
  const fixed = width !== undefined && height !== undefined;
  const [size, setSize] = useState<PanelSize>(() => ({
    width: stdout.columns || 80,
    height: stdout.rows || 24,
  }));
  useEffect(() => {
    if (fixed) return undefined;
    const onResize = (): void => setSize({ width: stdout.columns || 80, height: stdout.rows || 24 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return { width: width ?? size.width, height: height ?? size.height };
}
