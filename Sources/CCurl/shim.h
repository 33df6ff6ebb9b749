// Typed wrappers for libcurl's variadic calls, which Swift cannot import
// ("Variadic function is unavailable"). One wrapper per argument type.
#ifndef OPENCHAT_CCURL_SHIM_H
#define OPENCHAT_CCURL_SHIM_H

#include <curl/curl.h>

typedef size_t (*occurl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);

static inline CURLcode occurl_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode occurl_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode occurl_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode occurl_easy_setopt_offset(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode occurl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode occurl_easy_setopt_data_callback(CURL *h, CURLoption o, occurl_data_callback v) { return curl_easy_setopt(h, o, v); }

static inline CURLcode occurl_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode occurl_easy_getinfo_offset(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode occurl_easy_getinfo_socket(CURL *h, CURLINFO i, curl_socket_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode occurl_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode occurl_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }

typedef int (*occurl_socket_callback)(CURL *easy, curl_socket_t s, int what, void *userp, void *socketp);
typedef int (*occurl_timer_callback)(CURLM *multi, long timeout_ms, void *userp);

static inline CURLMcode occurl_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }
static inline CURLMcode occurl_multi_setopt_pointer(CURLM *m, CURLMoption o, void *v) { return curl_multi_setopt(m, o, v); }
static inline CURLMcode occurl_multi_setopt_socket_callback(CURLM *m, occurl_socket_callback v) { return curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, v); }
static inline CURLMcode occurl_multi_setopt_timer_callback(CURLM *m, occurl_timer_callback v) { return curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, v); }

// CURLMsg holds a union; expose its result for DONE messages.
static inline CURLcode occurl_msg_result(CURLMsg *msg) { return msg->data.result; }

#endif
