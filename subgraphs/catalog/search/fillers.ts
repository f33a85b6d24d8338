/**
 * Words that carry the asking, not the asked-for (我想, 怎么, 需要什么材料). People type whole
 * questions; left in, these make bigrams that match no item and drag a good match's coverage down.
 * Removed from queries only, and replaced by a separator so no bigram spans the gap.
 *
 * Single characters are few on purpose: 的 is in 的士, 个 in 个体户 and 个税, 吧 in 网吧.
 */
const FILLERS = [
  '我想要', '我想', '我要', '想要', '请问', '咨询一下',
  '怎么办理', '怎样办理', '如何办理', '怎么办', '怎么样', '怎么', '怎样', '如何',
  '什么', '哪里', '哪儿', '在哪', '去哪', '哪个部门',
  '需要', '要办', '能不能', '可不可以', '可以', '能否', '是否',
  '材料', '手续', '流程',
  '吗', '呢', '啊', '了',
];

// Longest first, so 怎么办理 wins over 怎么.
const PATTERN = new RegExp([...FILLERS].sort((a, b) => b.length - a.length).join('|'), 'gu');

/** Takes normalized text; returns it with fillers turned into separators. */
export function stripFillers(normalized: string): string {
  return normalized.replace(PATTERN, ' ').replace(/ {2,}/g, ' ').trim();
}
