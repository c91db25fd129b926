import { ChainGraph } from './chain-graph.tsx';
import { tracingPaths } from './tracing-api.ts';

/** The case's chain of transmission, as its detail page's tab. */
export function CaseChainTab({ caseId }: { caseId: number }) {
  return <ChainGraph src={tracingPaths.caseChain(caseId)} fileName={`chuoi-lay-nhiem-ca-${caseId}`} />;
}
