"""Cấu hình Voilà của `make demo`: bảng điều khiển của giảng viên không để lại nhân (kernel) chạy mãi.

The Voilà configuration of `make demo`: the lecturer's dashboard leaves no kernel running for ever.

Mỗi lần mở (hoặc tải lại) trang, Voilà khởi động một nhân Python riêng (khoảng 350 MB bộ nhớ). Ba lớp giữ
số nhân trong giới hạn / Each load of the page starts its own Python kernel (about 350 MB). Three layers keep
their number bounded:

1. Rời trang thì nhân dừng / leaving the page stops its kernel. Trang của Voilà gửi yêu cầu dừng nhân khi bị
   đóng hay tải lại, nhưng không kèm mã chống giả mạo (XSRF) mà máy chủ đòi, nên yêu cầu bị từ chối (403) và nhân
   chạy tiếp (voila-dashboards/voila#1458). Máy chủ của `make demo` chỉ nghe trên 127.0.0.1, không có mật khẩu,
   và yêu cầu POST duy nhất của nó là dừng một nhân theo mã nhân (không đoán được), nên ở đây bỏ kiểm tra XSRF.
   The page asks the server to stop its kernel when it is closed or reloaded, but without the XSRF token the
   server requires, so the request is refused (403) and the kernel runs on (voila-dashboards/voila#1458). The
   server of `make demo` listens on 127.0.0.1 only, has no password, and its one POST request stops a kernel
   named by its (unguessable) id: the XSRF check is switched off here.
2. Nhân bị bỏ rơi thì bị dọn / abandoned kernels are culled. Một trang biến mất mà không chào (trình duyệt bị
   tắt, máy ngủ, mất mạng) để lại nhân không ai kết nối: nhân nào rảnh và không có kết nối quá
   ``CULL_IDLE_TIMEOUT_S`` giây thì bị dừng (kiểm tra mỗi ``CULL_INTERVAL_S`` giây). Trang đang mở không bao
   giờ bị dọn, dù lâu không dùng. / A page gone without a goodbye (browser killed, laptop asleep, network lost)
   leaves a kernel nobody is connected to: a kernel idle and unconnected for ``CULL_IDLE_TIMEOUT_S`` seconds is
   stopped (checked every ``CULL_INTERVAL_S`` seconds). An open page is never culled, however long it is idle.
3. Tối đa ``MAX_KERNELS`` nhân / at most ``MAX_KERNELS`` kernels. Khi đã đủ mà có trang mới mở, nhân ít cần nhất
   bị dừng trước: nhân không ai kết nối và rảnh, rồi nhân lâu nhất không hoạt động. / When a new page opens at
   the limit, the least needed kernel is stopped first: one nobody is connected to and idle, then the one
   inactive the longest.
"""

from __future__ import annotations

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Integer

CULL_IDLE_TIMEOUT_S = 600
CULL_INTERVAL_S = 60
MAX_KERNELS = 4


class CappedKernelManager(AsyncMappingKernelManager):
    """Jupyter Server's kernel manager with a limit on the number of live kernels."""

    max_kernels = Integer(MAX_KERNELS, config=True, help="Số nhân chạy cùng lúc tối đa / most kernels alive at once")

    async def start_kernel(self, *args, **kwargs):
        """Stop the least needed kernels until there is room, then start one."""
        while self.list_kernel_ids() and len(self.list_kernel_ids()) >= self.max_kernels:
            kernel_id = min(self.list_kernel_ids(), key=self._need)
            self.log.warning("Dừng nhân %s: đã có %d nhân (tối đa %d) / stopping kernel %s: %d kernels alive (at most %d)",
                             kernel_id, len(self.list_kernel_ids()), self.max_kernels, kernel_id,
                             len(self.list_kernel_ids()), self.max_kernels)
            await self.shutdown_kernel(kernel_id)
        return await super().start_kernel(*args, **kwargs)

    def _need(self, kernel_id: str) -> tuple:
        """How much a kernel is needed, least first: unconnected and idle, then by its last activity."""
        kernel = self.get_kernel(kernel_id)
        in_use = self._kernel_connections.get(kernel_id, 0) > 0 or getattr(kernel, "execution_state", "") in ("busy", "starting")
        last_activity = getattr(kernel, "last_activity", None)
        return in_use, last_activity.timestamp() if last_activity is not None else 0.0


c = get_config()  # noqa: F821 - traitlets provides get_config() to a configuration file
c.Voila.tornado_settings = {"disable_check_xsrf": True}
c.VoilaConfiguration.multi_kernel_manager_class = CappedKernelManager
c.MappingKernelManager.cull_idle_timeout = CULL_IDLE_TIMEOUT_S
c.MappingKernelManager.cull_interval = CULL_INTERVAL_S
c.MappingKernelManager.cull_connected = False
