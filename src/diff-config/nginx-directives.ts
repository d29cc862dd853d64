/**
 * Directive names of stock nginx (core, events, http core and the modules every distribution
 * builds, upstream incl. OSS `sticky` since 1.29.6). Names outside this list are either a typo, a
 * pasted invisible character, or a third-party module.
 */
const BLOCKS = [
  "events",
  "http",
  "server",
  "location",
  "upstream",
  "map",
  "types",
  "if",
  "limit_except",
  "geo",
  "split_clients",
  "stream",
  "mail",
  "match",
];

const SIMPLE = `
user worker_processes worker_rlimit_nofile worker_rlimit_core worker_cpu_affinity worker_priority
worker_shutdown_timeout working_directory error_log pid include daemon master_process env load_module
lock_file pcre_jit ssl_engine thread_pool timer_resolution debug_points
worker_connections use multi_accept accept_mutex accept_mutex_delay debug_connection worker_aio_requests
absolute_redirect aio aio_write alias auth_delay chunked_transfer_encoding client_body_buffer_size
client_body_in_file_only client_body_in_single_buffer client_body_temp_path client_body_timeout
client_header_buffer_size client_header_timeout client_max_body_size connection_pool_size default_type
directio directio_alignment disable_symlinks error_page etag if_modified_since ignore_invalid_headers
internal keepalive_disable keepalive_requests keepalive_time keepalive_timeout large_client_header_buffers
limit_rate limit_rate_after lingering_close lingering_time lingering_timeout listen log_not_found
log_subrequest max_ranges merge_slashes msie_padding msie_refresh open_file_cache open_file_cache_errors
open_file_cache_min_uses open_file_cache_valid output_buffers port_in_redirect postpone_output
read_ahead recursive_error_pages request_pool_size reset_timedout_connection resolver resolver_timeout
root satisfy send_lowat send_timeout sendfile sendfile_max_chunk server_name server_name_in_redirect
server_names_hash_bucket_size server_names_hash_max_size server_tokens subrequest_output_buffer_size
tcp_nodelay tcp_nopush try_files types_hash_bucket_size types_hash_max_size underscores_in_headers
variables_hash_bucket_size variables_hash_max_size access_log log_format open_log_file_cache
allow deny auth_basic auth_basic_user_file auth_request auth_request_set autoindex autoindex_exact_size
autoindex_format autoindex_localtime charset charset_map override_charset source_charset
empty_gif expires add_header add_trailer gzip gzip_buffers gzip_comp_level gzip_disable gzip_http_version
gzip_min_length gzip_proxied gzip_types gzip_vary gzip_static gunzip gunzip_buffers index
limit_conn limit_conn_dry_run limit_conn_log_level limit_conn_status limit_conn_zone limit_zone
limit_req limit_req_dry_run limit_req_log_level limit_req_status limit_req_zone
map_hash_bucket_size map_hash_max_size hostnames default volatile
proxy_bind proxy_buffer_size proxy_buffering proxy_buffers proxy_busy_buffers_size proxy_cache
proxy_cache_background_update proxy_cache_bypass proxy_cache_convert_head proxy_cache_key proxy_cache_lock
proxy_cache_lock_age proxy_cache_lock_timeout proxy_cache_max_range_offset proxy_cache_methods
proxy_cache_min_uses proxy_cache_path proxy_cache_purge proxy_cache_revalidate proxy_cache_use_stale
proxy_cache_valid proxy_connect_timeout proxy_cookie_domain proxy_cookie_flags proxy_cookie_path
proxy_force_ranges proxy_headers_hash_bucket_size proxy_headers_hash_max_size proxy_hide_header
proxy_http_version proxy_ignore_client_abort proxy_ignore_headers proxy_intercept_errors proxy_limit_rate
proxy_max_temp_file_size proxy_method proxy_next_upstream proxy_next_upstream_timeout
proxy_next_upstream_tries proxy_no_cache proxy_pass proxy_pass_header proxy_pass_request_body
proxy_pass_request_headers proxy_read_timeout proxy_redirect proxy_request_buffering proxy_send_lowat
proxy_send_timeout proxy_set_body proxy_set_header proxy_socket_keepalive proxy_ssl_certificate
proxy_ssl_certificate_key proxy_ssl_ciphers proxy_ssl_conf_command proxy_ssl_crl proxy_ssl_name
proxy_ssl_password_file proxy_ssl_protocols proxy_ssl_server_name proxy_ssl_session_reuse
proxy_ssl_trusted_certificate proxy_ssl_verify proxy_ssl_verify_depth proxy_store proxy_store_access
proxy_temp_file_write_size proxy_temp_path proxy_upstream_name
fastcgi_pass fastcgi_param fastcgi_index fastcgi_split_path_info fastcgi_read_timeout fastcgi_buffers
fastcgi_buffer_size fastcgi_intercept_errors uwsgi_pass uwsgi_param scgi_pass scgi_param grpc_pass
grpc_set_header memcached_pass memcached_bind memcached_buffer_size memcached_connect_timeout
memcached_next_upstream memcached_read_timeout memcached_send_timeout memcached_gzip_flag
real_ip_header real_ip_recursive set_real_ip_from referer_hash_bucket_size referer_hash_max_size
valid_referers break return rewrite rewrite_log set uninitialized_variable_warn
secure_link secure_link_md5 secure_link_secret ssi ssi_last_modified ssi_min_file_chunk
ssi_silent_errors ssi_types ssi_value_length ssl ssl_buffer_size ssl_certificate ssl_certificate_key
ssl_ciphers ssl_client_certificate ssl_conf_command ssl_crl ssl_dhparam ssl_early_data ssl_ecdh_curve
ssl_password_file ssl_prefer_server_ciphers ssl_protocols ssl_reject_handshake ssl_session_cache
ssl_session_ticket_key ssl_session_tickets ssl_session_timeout ssl_stapling ssl_stapling_file
ssl_stapling_responder ssl_stapling_verify ssl_trusted_certificate ssl_verify_client ssl_verify_depth
stub_status sub_filter sub_filter_last_modified sub_filter_once sub_filter_types
addition_types add_before_body add_after_body dav_methods dav_access create_full_put_path min_delete_depth
flv mp4 mp4_buffer_size mp4_max_buffer_size random_index slice http2 http2_max_concurrent_streams
http2_push http2_push_preload http2_recv_buffer_size http2_body_preread_size http2_chunk_size
http2_idle_timeout http2_max_field_size http2_max_header_size http2_max_requests http2_recv_timeout
http3 quic_retry
upstream server zone state hash ip_hash keepalive keepalive_requests keepalive_time keepalive_timeout
least_conn random ntlm queue resolver sticky sticky_cookie_insert
userid userid_domain userid_expires userid_flags userid_mark userid_name userid_p3p userid_path
userid_service xml_entities xslt_last_modified xslt_param xslt_string_param xslt_stylesheet xslt_types
geoip_country geoip_city geoip_org geoip_proxy geoip_proxy_recursive image_filter perl perl_modules
perl_require perl_set mirror mirror_request_body ancient_browser ancient_browser_value modern_browser
modern_browser_value browser_default charset_types
`;

export const NGINX_BLOCK_DIRECTIVES: ReadonlySet<string> = new Set(BLOCKS);
export const NGINX_DIRECTIVES: ReadonlySet<string> = new Set([
  ...BLOCKS,
  ...SIMPLE.split(/\s+/).filter(Boolean),
]);

const MANY = Number.POSITIVE_INFINITY;

/** Argument counts nginx enforces ("invalid number of arguments"), for the directives configs here use. */
export const NGINX_ARG_COUNTS: ReadonlyMap<string, readonly [number, number]> = new Map<
  string,
  [number, number]
>([
  ["events", [0, 0]],
  ["http", [0, 0]],
  ["server", [0, 0]],
  ["server@upstream", [1, MANY]],
  ["upstream", [1, 1]],
  ["location", [1, 2]],
  ["map", [2, 2]],
  ["types", [0, 0]],
  ["worker_processes", [1, 1]],
  ["worker_connections", [1, 1]],
  ["pid", [1, 1]],
  ["user", [1, 2]],
  ["include", [1, 1]],
  ["default_type", [1, 1]],
  ["sendfile", [1, 1]],
  ["tcp_nopush", [1, 1]],
  ["tcp_nodelay", [1, 1]],
  ["keepalive_timeout", [1, 2]],
  ["keepalive", [1, 1]],
  ["ip_hash", [0, 0]],
  ["least_conn", [0, 0]],
  ["hash", [1, 2]],
  ["listen", [1, MANY]],
  ["server_name", [1, MANY]],
  ["root", [1, 1]],
  ["alias", [1, 1]],
  ["index", [1, MANY]],
  ["try_files", [2, MANY]],
  ["return", [1, 2]],
  ["rewrite", [2, 3]],
  ["set", [2, 2]],
  ["proxy_pass", [1, 1]],
  ["proxy_set_header", [2, 2]],
  ["proxy_http_version", [1, 1]],
  ["proxy_redirect", [1, 2]],
  ["proxy_buffering", [1, 1]],
  ["proxy_connect_timeout", [1, 1]],
  ["proxy_read_timeout", [1, 1]],
  ["proxy_send_timeout", [1, 1]],
  ["proxy_cookie_path", [1, 2]],
  ["proxy_hide_header", [1, 1]],
  ["proxy_next_upstream", [1, MANY]],
  ["add_header", [2, 3]],
  ["client_max_body_size", [1, 1]],
  ["server_tokens", [1, 1]],
  ["gzip", [1, 1]],
  ["error_log", [1, MANY]],
  ["access_log", [1, MANY]],
  ["error_page", [2, MANY]],
  ["expires", [1, 2]],
  ["allow", [1, 1]],
  ["deny", [1, 1]],
  ["real_ip_header", [1, 1]],
  ["set_real_ip_from", [1, 1]],
  ["log_format", [2, MANY]],
  ["sticky", [1, MANY]],
  ...`keepalive_time keepalive_requests client_body_buffer_size client_body_timeout client_header_timeout
client_header_buffer_size send_timeout types_hash_max_size types_hash_bucket_size server_names_hash_bucket_size
server_names_hash_max_size gzip_comp_level gzip_min_length gzip_vary gzip_http_version proxy_buffer_size
proxy_busy_buffers_size proxy_request_buffering proxy_intercept_errors proxy_max_temp_file_size
proxy_next_upstream_tries proxy_next_upstream_timeout proxy_ignore_client_abort proxy_pass_request_body
proxy_pass_request_headers proxy_socket_keepalive absolute_redirect port_in_redirect server_name_in_redirect
resolver_timeout multi_accept use accept_mutex worker_rlimit_nofile autoindex etag merge_slashes
underscores_in_headers ignore_invalid_headers log_not_found log_subrequest reset_timedout_connection
lingering_close lingering_time lingering_timeout daemon master_process worker_priority chunked_transfer_encoding
client_body_in_single_buffer recursive_error_pages msie_padding rewrite_log uninitialized_variable_warn
sendfile_max_chunk postpone_output output_buffers limit_rate limit_rate_after max_ranges`
    .split(/\s+/)
    .map((name): [string, [number, number]] => [name, name === "output_buffers" ? [2, 2] : [1, 1]]),
]);

/** Parameters a directive accepts after its first argument, where nginx checks them ("invalid parameter"). */
export const NGINX_PARAMS: ReadonlyMap<string, RegExp> = new Map([
  [
    "server@upstream",
    /^(?:weight|max_conns|max_fails|fail_timeout|slow_start|route|service)=|^(?:backup|down|resolve|drain)$/,
  ],
  [
    "listen",
    /^(?:backlog|rcvbuf|sndbuf|accept_filter|fastopen|ipv6only|so_keepalive|setfib)=|^(?:default_server|default|ssl|http2|quic|proxy_protocol|reuseport|deferred|bind)$/,
  ],
]);

/**
 * Where nginx allows a directive (its NGX_*_CONF flags), for the directives lab and blog configs use;
 * elsewhere `nginx -t` fails with '"X" directive is not allowed here'. Contexts: main, events, http,
 * server, location, if-server, if-location, upstream, limit_except. Directives not listed are not checked.
 */
const CONTEXT_GROUPS: Array<[string, string]> = [
  [
    "main",
    `user worker_processes pid worker_rlimit_nofile worker_rlimit_core worker_cpu_affinity worker_priority
     worker_shutdown_timeout working_directory daemon master_process load_module env pcre_jit thread_pool
     timer_resolution lock_file ssl_engine events http stream mail`,
  ],
  [
    "events",
    "worker_connections use multi_accept accept_mutex accept_mutex_delay worker_aio_requests debug_connection",
  ],
  [
    "http",
    `log_format upstream map geo split_clients proxy_cache_path limit_req_zone limit_conn_zone
     server_names_hash_bucket_size server_names_hash_max_size variables_hash_bucket_size
     variables_hash_max_size map_hash_bucket_size map_hash_max_size`,
  ],
  ["server", "listen server_name"],
  ["server location", "location try_files"],
  ["location", "alias limit_except"],
  ["server location if-server if-location", "return rewrite set break"],
  ["server location", "if"],
  ["location if-location limit_except", "proxy_pass"],
  ["upstream", "ip_hash least_conn hash random zone sticky queue ntlm"],
  ["http server location upstream", "keepalive_requests keepalive_time keepalive_timeout"],
  [
    "http server location",
    `proxy_set_header proxy_http_version proxy_connect_timeout proxy_read_timeout proxy_send_timeout
     proxy_buffering proxy_redirect proxy_cookie_path proxy_hide_header proxy_next_upstream client_max_body_size
     server_tokens default_type index real_ip_header set_real_ip_from types proxy_buffer_size proxy_buffers`,
  ],
  ["http server location if-location", "root add_header sendfile gzip expires error_page"],
  ["http server location if-location limit_except", "access_log"],
  ["http server location limit_except", "allow deny"],
  [
    "http server",
    "ssl_certificate ssl_certificate_key ssl_protocols ssl_ciphers ssl_session_cache ssl_session_timeout",
  ],
];

export const NGINX_CONTEXTS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  CONTEXT_GROUPS.flatMap(([contexts, names]) => {
    const set = new Set(contexts.split(" "));
    return names
      .split(/\s+/)
      .filter(Boolean)
      .map((name): [string, ReadonlySet<string>] => [name, set]);
  }),
);

/** Where each context's directives may go, as nginx -t names it in its advice. */
export const CONTEXT_NAMES: Record<string, string> = {
  main: "the main (top) level",
  events: "events { }",
  http: "http { }",
  server: "server { }",
  location: "location { }",
  "if-server": "if { } in a server",
  "if-location": "if { } in a location",
  upstream: "upstream { }",
  limit_except: "limit_except { }",
};

/** Directives nginx takes once per block ('"X" directive is duplicate' on the second). */
export const NGINX_ONCE: ReadonlySet<string> = new Set(
  `worker_processes pid worker_connections keepalive_timeout sendfile gzip tcp_nopush tcp_nodelay server_tokens
   root alias default_type client_max_body_size proxy_http_version proxy_connect_timeout proxy_read_timeout
   proxy_send_timeout proxy_pass try_files proxy_buffering multi_accept pcre_jit daemon master_process`
    .split(/\s+/)
    .filter(Boolean),
);
