import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import ClusterDetailPage from '../features/clusters/cluster-detail-page.tsx';
import { can, useMe } from '../shared/session/session.tsx';

const ChainGraph = lazy(() => import('../features/tracing/chain-graph.tsx').then((m) => ({ default: m.ChainGraph })));

/** A cluster's page with its chain of transmission drawn by the tracing context. */
export default function ClusterDetailRoute() {
  const me = useMe();
  const chain = (clusterId: number, revision: string) => (
    <Suspense fallback={<Spin style={{ display: 'block', padding: 48 }} />}>
      <ChainGraph key={revision} src={`/api/clusters/${clusterId}/chain`} fileName={`chuoi-lay-nhiem-o-dich-${clusterId}`} />
    </Suspense>
  );
  return <ClusterDetailPage chain={can(me, 'tracing:read') ? chain : undefined} />;
}
