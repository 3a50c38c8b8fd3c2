import type { MarkdownIt, StateBlock, Token } from 'markdown-it';
import type { PreviewRenderer } from '../../server/src/clientApi';

const DELIMITER = /^---[ \t]*$/;

/**
 * For VS Code's own Markdown preview (`markdown.markdownItPlugins`): a readout's front matter is
 * shown as the statement's header (category, title, date line, source) instead of raw YAML.
 * Documents without a readout's front matter render as before.
 */
export function readoutFrontMatterPlugin(renderer: PreviewRenderer): (md: MarkdownIt) => MarkdownIt {
  return (md) => {
    // VS Code may already tokenize front matter itself (a `front_matter` token): show ours there.
    md.renderer.rules.front_matter = (tokens: Token[], index: number) => renderer.renderHeader(`---\n${tokens[index].meta ?? tokens[index].content}\n---\n`) ?? '';
    md.block.ruler.before('hr', 'readout_front_matter', (state: StateBlock, startLine: number, _endLine: number, silent: boolean) => {
      if (startLine !== 0 || state.blkIndent !== 0) return false;
      const line = (n: number) => state.src.slice(state.bMarks[n] + state.tShift[n], state.eMarks[n]);
      if (!DELIMITER.test(line(0))) return false;
      let close = 1;
      while (close < state.lineMax && !DELIMITER.test(line(close))) close++;
      if (close >= state.lineMax) return false;
      const header = renderer.renderHeader(state.src.slice(0, state.eMarks[close]) + '\n');
      if (header === undefined) return false;
      if (silent) return true;
      const token = state.push('html_block', '', 0);
      token.content = header;
      token.map = [0, close + 1];
      state.line = close + 1;
      return true;
    });
    return md;
  };
}
