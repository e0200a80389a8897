/** Small coloured labels for statuses, so a table row's state reads at a glance. */
import type { ReactNode } from 'react';

export type Tone = 'green' | 'grey' | 'red' | 'blue' | 'amber';

export const Badge = ({ tone, children }: { tone: Tone; children: ReactNode }) => <span className={`badge badge-${tone}`}>{children}</span>;
