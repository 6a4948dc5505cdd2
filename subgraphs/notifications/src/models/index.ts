import type { Connection } from 'mongoose';
import { notificationModel } from './notification';

export function notificationsModels(connection: Connection) {
  return { Notification: notificationModel(connection) };
}

export type NotificationsModels = ReturnType<typeof notificationsModels>;
export type { NotificationDoc } from './notification';
