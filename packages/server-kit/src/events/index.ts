export * from './domainEvent';
export * from './outboxModel';
export * from './recordEvent';
export * from './eventFeedRoute';
export * from './eventConsumer';
