print("surv")
