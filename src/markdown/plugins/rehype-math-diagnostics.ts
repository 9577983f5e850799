import type { Root } from 'hast';
import type { Position } from 'unist';
import { report, stateOf } from '../state.js';

interface FileWithMessages {
  data: object;
  messages: { source?: string | null; place?: unknown; cause?: unknown; reason: string }[];
}

/**
 * rehype-katex never throws: on bad TeX it records a VFile message and renders the source in
 * red. This plugin, right after it, turns those messages into our positioned diagnostics.
 */
export default function rehypeMathDiagnostics() {
  return (_tree: Root, file: FileWithMessages) => {
    const state = stateOf(file);
    for (const message of file.messages) {
      if (message.source !== 'rehype-katex') continue;
      // KaTeX underlines the offending TeX with combining U+0332, which terminals render badly.
      const cause = (
        message.cause instanceof Error ? message.cause.message : message.reason
      ).replace(/\u0332/g, '');
      report(
        state,
        'error',
        'markdown/math-error',
        `Could not typeset math: ${cause}. It is shown as red TeX source. Fix the TeX; KaTeX ` +
          `supports most LaTeX math (https://katex.org/docs/supported.html).`,
        asPosition(message.place),
      );
    }
  };
}

function asPosition(place: unknown): Position | undefined {
  return typeof place === 'object' && place !== null && 'start' in place
    ? (place as Position)
    : undefined;
}
