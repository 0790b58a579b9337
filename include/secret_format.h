/*
 * Shape checks of secrets read from files, so that a wrong file is caught
 * before it is encrypted and deployed.
 */
#ifndef BHG_SECRET_FORMAT_H
#define BHG_SECRET_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "secret.h"

/**
 * True when secret is a GCP service-account key: a JSON object with "type"
 * "service_account", "client_email" and "private_key".  Otherwise reason
 * describes what is wrong without quoting the secret.
 * NOTE: libyaml's internal buffers that held the text are freed unwiped.
 */
bool secret_is_service_account_key(const struct secret *secret, char *reason,
				   size_t reason_size);

#endif
