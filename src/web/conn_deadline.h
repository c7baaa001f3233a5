/* conn_deadline.h: a deadline on each request as a whole, against
 * slowloris.
 *
 * libmicrohttpd's connection timeout counts idle time only: a client that
 * sends one header byte every few seconds never goes idle and holds its
 * connection (and a slot of the per-address limit) for ever. Here every
 * connection carries a clock from when it opened, or from the end of its
 * previous request, to when its next request has been read and answered;
 * a watchdog thread shuts down the socket of any connection whose clock
 * passes the deadline, and libmicrohttpd then closes it as a connection
 * the client dropped. Connections that are answered in time never notice.
 *
 * The watchdog only shuts sockets of connections still listed, and a
 * connection is unlisted (under the same lock) when libmicrohttpd reports
 * it closed, which it does before closing the descriptor: so the number
 * shut down is never a descriptor reused by a newer connection. */
#ifndef SAMANVAY_CONN_DEADLINE_H
#define SAMANVAY_CONN_DEADLINE_H

#include <microhttpd.h>

#include "core/err.h"

struct conn_deadline;

/* Start the watchdog; seconds > 0. */
int conn_deadline_new(unsigned seconds, struct conn_deadline **out, struct err *e);
/* Stop the watchdog. Call after libmicrohttpd has stopped (every
 * connection reported closed). NULL is fine. */
void conn_deadline_free(struct conn_deadline *d);

/* MHD_OPTION_NOTIFY_CONNECTION callback (cls: the conn_deadline). */
void conn_deadline_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code);
/* The connection's request has been read and answered: its clock stops. */
void conn_deadline_answered(struct conn_deadline *d, struct MHD_Connection *c);
/* The connection's request is over: the clock runs for the next one. */
void conn_deadline_restart(struct conn_deadline *d, struct MHD_Connection *c);

#endif
