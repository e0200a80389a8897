/** Domain events: what happened, to which aggregate, in which tenant. Written to the outbox. */
export interface DomainEvent<P = Record<string, unknown>> {
  readonly type: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly payload: P;
}

/** An event as delivered by the dispatcher, with its global position and tenant. */
export interface DeliveredEvent extends DomainEvent {
  readonly id: number;
  readonly tenantId: string;
  readonly occurredAt: number;
}
