/**
 * Full-screen views (the panel and the wizard) on the terminal's alternate screen. When a terminal
 * narrows it re-wraps the lines already shown into more rows, so a frame drawn for the old size cannot
 * be erased by counting its own lines (what Ink does): copies of it stayed above the new one. Here
 * every resize clears the screen, and every frame is exactly as tall as the terminal, which makes Ink
 * draw each frame from the top of a cleared screen. The shell's screen and scrollback are left alone
 * and come back when the view ends — normally, by a signal (SIGINT, SIGTERM, SIGHUP: an SSH session
 * that drops) or by a crash.
 */
import React, { type ReactElement, type ReactNode } from 'react';
import { Box, render } from 'ink';
import { useTerminalSize } from './use-terminal-size.js';

/** Switch to the alternate screen (saving the cursor), and back. */
export const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h';
export const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';
/** Erase the whole screen and put the cursor in the top-left corner. */
export const CLEAR_SCREEN = '\u001b[2J\u001b[H';

/** Signals after which the shell's screen is restored before the process ends as the signal asks. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** A mounted full-screen view. */
export interface MountedView {
  waitUntilExit(): Promise<unknown>;
  unmount(): void;
}

/** Ink's render options that differ between the views. */
export interface FullScreenOptions {
  readonly maxFps: number;
  readonly exitOnCtrlC: boolean;
}

/** Exactly the terminal's height, so no frame is shorter than the screen it replaces. */
function ScreenTall({ children }: { readonly children: ReactNode }) {
  const { height } = useTerminalSize();
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {children}
    </Box>
  );
}

/** Draws ELEMENT full screen on standard output (see the file comment) until it exits or is unmounted. */
export function mountFullScreen(element: ReactElement, options: FullScreenOptions): MountedView {
  const stdout = process.stdout;
  stdout.write(ENTER_ALTERNATE_SCREEN + CLEAR_SCREEN);
  // Registered before Ink's own listener, so Ink draws onto the cleared screen.
  const onResize = (): void => {
    stdout.write(CLEAR_SCREEN);
  };
  stdout.on('resize', onResize);
  const instance = render(<ScreenTall>{element}</ScreenTall>, {
    maxFps: options.maxFps,
    exitOnCtrlC: options.exitOnCtrlC,
    patchConsole: false,
    incrementalRendering: false,
  });
  let shown = true;
  // Ink first (its last frame must still land on the alternate screen), then the shell's screen back.
  const end = (): void => {
    if (!shown) return;
    shown = false;
    stdout.off('resize', onResize);
    process.off('exit', end);
    process.off('uncaughtExceptionMonitor', end);
    for (const signal of SIGNALS) process.off(signal, onSignal);
    try {
      instance.unmount();
    } finally {
      stdout.write(LEAVE_ALTERNATE_SCREEN);
    }
  };
  function onSignal(signal: NodeJS.Signals): void {
    end();
    // Our listener is gone: the signal now ends the process as it would have.
    process.kill(process.pid, signal);
  }
  process.on('exit', end);
  // Before an uncaught error is printed, so the message lands on the shell's screen.
  process.on('uncaughtExceptionMonitor', end);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return { waitUntilExit: () => instance.waitUntilExit(), unmount: end };
}
