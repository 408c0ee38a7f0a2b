import { create } from 'zustand';
import type { LeafResult, RuleDocument } from '@lealtad/rules-schema';
import type { AudienceCheck } from '../rulesApi';

/** What a simulation or a test case saw at one leaf, painted on its node. */
export interface LeafPaint {
  result: LeafResult;
  /** The fact's value as the trace read it, already in words. */
  actual: string;
}

export interface TracePaint {
  /** By node id. */
  leaves: Record<string, LeafPaint>;
  audience: AudienceCheck[];
  /** Whether the rule was in force (validity) at the simulated moment; tests leave it out. */
  inForce?: boolean;
}

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'failed';

const HISTORY_LIMIT = 100;

interface RuleEditorState {
  ruleId: number | null;
  rule: RuleDocument | null;
  /** The draft revision the document was last loaded or saved at: the next save sends it. */
  revision: number;
  past: RuleDocument[];
  future: RuleDocument[];
  /** The selected node's id. */
  selected: string | null;
  save: { status: SaveStatus; message: string | null };
  trace: TracePaint | null;
  /** Nodes a compared version differs in, outlined on the canvas while the comparison shows. */
  changed: string[];
  load: (ruleId: number, rule: RuleDocument, revision: number) => void;
  /** Changes a copy of the document; the change can be undone. */
  edit: (change: (draft: RuleDocument) => void, select?: string | null) => void;
  undo: () => void;
  redo: () => void;
  select: (nodeId: string | null) => void;
  setSave: (status: SaveStatus, message?: string | null) => void;
  saved: (revision: number, document: RuleDocument) => void;
  paint: (trace: TracePaint | null) => void;
  showChanged: (nodeIds: string[]) => void;
}

/** The rule being edited: the one document every view of the editor reads and writes. */
export const useRuleEditor = create<RuleEditorState>()((set, get) => ({
  ruleId: null,
  rule: null,
  revision: 0,
  past: [],
  future: [],
  selected: null,
  save: { status: 'saved', message: null },
  trace: null,
  changed: [],
  load: (ruleId, rule, revision) =>
    set({
      ruleId,
      rule,
      revision,
      past: [],
      future: [],
      selected: null,
      save: { status: 'saved', message: null },
      trace: null,
    }),
  edit: (change, select) => {
    const { rule, past, save } = get();
    if (!rule) return;
    const next = structuredClone(rule);
    change(next);
    set({
      rule: next,
      past: [...past, rule].slice(-HISTORY_LIMIT),
      future: [],
      // A painted trace described the rule before this change.
      trace: null,
      save: save.status === 'conflict' ? save : { status: 'unsaved', message: null },
      ...(select === undefined ? {} : { selected: select }),
    });
  },
  undo: () => {
    const { rule, past, future, save } = get();
    const previous = past[past.length - 1];
    if (!rule || !previous) return;
    set({
      rule: previous,
      past: past.slice(0, -1),
      future: [rule, ...future],
      trace: null,
      save: save.status === 'conflict' ? save : { status: 'unsaved', message: null },
    });
  },
  redo: () => {
    const { rule, past, future, save } = get();
    const [next, ...rest] = future;
    if (!rule || !next) return;
    set({
      rule: next,
      past: [...past, rule],
      future: rest,
      trace: null,
      save: save.status === 'conflict' ? save : { status: 'unsaved', message: null },
    });
  },
  select: (selected) => set({ selected }),
  setSave: (status, message = null) => set({ save: { status, message } }),
  saved: (revision, document) =>
    set((state) => ({
      revision,
      // Edits made while the request was out still wait for their own save.
      save: { status: state.rule === document ? 'saved' : 'unsaved', message: null },
    })),
  paint: (trace) => set({ trace }),
  showChanged: (changed) => set({ changed }),
}));
