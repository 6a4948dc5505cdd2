import type { SubgraphContext } from '@soc/server-kit';
import type { NotificationsLoaders } from '../loaders';
import type { NotificationsModels } from '../models';
import type { NotificationsServices } from '../services';

export type NotificationsContext = SubgraphContext<NotificationsModels, NotificationsLoaders, NotificationsServices>;
