// The theme chosen in this browser ("light" or "dark"; nothing: follow the system), applied as <html data-theme>
// before the first paint: a classic script in <head>, not a module, so it runs before the stylesheets apply and the
// page never flashes the other theme. The CSP allows no inline script, hence this file. .NET (ThemeToggle) reads
// and changes the choice through window.nexuschatTheme.
(() => {
    const key = 'nexuschat.theme';
    const apply = (choice) => {
        if (choice === 'light' || choice === 'dark') {
            document.documentElement.dataset.theme = choice;
        } else {
            delete document.documentElement.dataset.theme;
        }
    };
    const read = () => {
        try {
            return localStorage.getItem(key) || 'system';
        } catch {
            return 'system';
        }
    };
    window.nexuschatTheme = {
        read,
        choose: (choice) => {
            try {
                if (choice === 'light' || choice === 'dark') {
                    localStorage.setItem(key, choice);
                } else {
                    localStorage.removeItem(key);
                }
            } catch {
                // Storage refused (private mode): the choice lasts for this page only.
            }
            apply(choice);
        },
    };
    apply(read());
})();
