/*
 * The deployer's first values layer, emulated.
 *
 * 2i2c's deployer renders helm-charts/basehub/values.jsonnet for each hub
 * and passes the result to helm before the hub's own values files.  This
 * module builds the part of that render the binderhub-ui rules read, from
 * cluster.yaml facts alone.  A check without the rendered file thus gets
 * the same ingress, OAuth URLs, JUPYTERHUB_API_URL and node selectors that
 * the deployer adds.
 */
#ifndef BHG_DEPLOYER_LAYER_H
#define BHG_DEPLOYER_LAYER_H

#include "cluster.h"
#include "tree.h"

/** File name of the emulated layer, and mark.file of every node in it. */
#define DEPLOYER_LAYER_NAME "deployer layer (emulated)"

/**
 * Build the emulated layer of hub, a hub of cluster.  The document is named
 * DEPLOYER_LAYER_NAME and holds, with domain = hub->domain and hub = hub->name:
 *
 * - jupyterhub.ingress.hosts [domain] and tls [{hosts: [domain], secretName: https-auto-tls}];
 * - jupyterhub.hub.config.OAuthenticator.oauth_callback_url https://domain/hub/oauth_callback;
 * - jupyterhub.hub.services.binder.oauth_redirect_uri
 *   https://domain/services/binder/oauth_callback;
 * - binderhub-service.extraEnv, one item JUPYTERHUB_API_URL =
 *   http://hub.<hub>.svc.cluster.local:8081/hub/api;
 * - node selectors on jupyterhub.singleuser.nodeSelector,
 *   binderhub-service.dockerApi.nodeSelector and
 *   binderhub-service.config.KubernetesBuildExecutor.node_selector:
 *   node.kubernetes.io/instance-type n2-highmem-4 on gcp, and r5.xlarge plus
 *   2i2c/hub-name <hub> on aws.  For other providers binderhub-service.config
 *   and dockerApi are empty mappings and jupyterhub.singleuser is absent.
 *
 * Keys are in the sorted order of the real render.  For a daskhub hub
 * everything sits under a top-level `basehub:` key.  Free the result with
 * tree_doc_free().
 */
struct tree_doc *deployer_layer_build(const struct cluster *cluster,
				      const struct cluster_hub *hub);

#endif
