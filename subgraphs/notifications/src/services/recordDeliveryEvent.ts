import type { DeliveryEventDoc, NotificationsModels } from '../models';

/** Records one delivery step, once: keyed by what it records, a repeat is refused by the unique id. */
export async function recordDeliveryEvent(models: NotificationsModels, event: DeliveryEventDoc): Promise<boolean> {
  try {
    await models.DeliveryEvent.create(event);
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
}
