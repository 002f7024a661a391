export interface RequestHeaderProps {
  readonly device: string;
  readonly via: string | null;
  readonly rid: string;
  readonly busDevFn: string;
  readonly pasidText: string;
  readonly iova: string;
  readonly access: 'read' | 'write';
}

/** Who issued the DMA, with which requester ID and PASID, to which address. */
export function RequestHeader({ device, via, rid, busDevFn, pasidText, iova, access }: RequestHeaderProps) {
  return (
    <dl className="walk-request">
      <div>
        <dt>Device</dt>
        <dd>
          {device}
          {via ? <span className="muted"> (through parent {via})</span> : null}
        </dd>
      </div>
      <div>
        <dt>RID</dt>
        <dd className="mono">
          {busDevFn} <span className="muted">({rid})</span>
        </dd>
      </div>
      <div>
        <dt>PASID</dt>
        <dd className="mono">{pasidText}</dd>
      </div>
      <div>
        <dt>Address</dt>
        <dd className="mono">
          {iova} <span className="muted">{access}</span>
        </dd>
      </div>
    </dl>
  );
}
